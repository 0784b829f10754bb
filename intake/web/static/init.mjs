// GOV.UK Frontend's components (buttons, error summaries, tabs…) on every page.
import { initAll } from "./vendor/govuk/govuk-frontend.min.js";

initAll();

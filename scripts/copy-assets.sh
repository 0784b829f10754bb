#!/usr/bin/env bash
# Copy the front-end files the pages serve from node_modules (installed by `npm ci`) into
# intake/web/static/vendor: GOV.UK Frontend, MoJ Frontend and pdf.js. Nothing is fetched at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
vendor=intake/web/static/vendor
rm -rf "$vendor"
mkdir -p "$vendor/govuk" "$vendor/moj" "$vendor/pdfjs"
govuk=node_modules/govuk-frontend/dist/govuk
cp "$govuk"/govuk-frontend.min.css "$govuk"/govuk-frontend.min.js "$vendor/govuk/"
cp -r "$govuk"/assets "$vendor/govuk/assets"
moj=node_modules/@ministryofjustice/frontend/moj
cp "$moj"/moj-frontend.min.css "$moj"/moj-frontend.min.js "$vendor/moj/"
cp -r "$moj"/assets "$vendor/moj/assets"
pdfjs=node_modules/pdfjs-dist/legacy/build
cp "$pdfjs"/pdf.min.mjs "$pdfjs"/pdf.worker.min.mjs "$vendor/pdfjs/"
echo "front-end assets copied to $vendor"

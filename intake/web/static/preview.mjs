// The original document beside its fields: pdf.js (from npm, served by us) draws each page of
// /submissions/<id>/document.pdf into a canvas. No eval (fonts load through the FontFace API): the
// page's Content-Security-Policy stays strict.
import * as pdfjs from "./vendor/pdfjs/pdf.min.mjs";

pdfjs.GlobalWorkerOptions.workerSrc = new URL("./vendor/pdfjs/pdf.worker.min.mjs", import.meta.url).href;

function say(frame, text) {
  frame.replaceChildren();
  const message = document.createElement("p");
  message.className = "govuk-body app-document-message";
  message.textContent = text;
  frame.append(message);
}

async function show(frame) {
  const response = await fetch(frame.dataset.url, { credentials: "same-origin" });
  if (!response.ok) {
    const why = (await response.text()).slice(0, 500);
    say(frame, why || "The document cannot be shown here. Download it instead.");
    return;
  }
  const data = new Uint8Array(await response.arrayBuffer());
  const pdf = await pdfjs.getDocument({ data, isEvalSupported: false }).promise;
  frame.replaceChildren();
  const width = Math.max(frame.clientWidth - 20, 300);
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const unscaled = page.getViewport({ scale: 1 });
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (width / unscaled.width) * ratio });
    const canvas = document.createElement("canvas");
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `Page ${number} of ${pdf.numPages} of the original document`);
    frame.append(canvas);
    await page.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
  }
}

const frame = document.getElementById("document-viewer");
if (frame) {
  show(frame).catch(() => say(frame, "The document cannot be shown here. Download it instead."));
}

// dyad workbench: the little the pages need in the browser (no framework, nothing fetched
// from outside the server): expanding event rows, the upload form, the API description.
"use strict";

function toggleEvidence(row, open) {
  const evidence = document.getElementById("evidence-" + row.dataset.eventId);
  if (!evidence) return;
  const show = open === undefined ? evidence.hidden : open;
  evidence.hidden = !show;
  row.setAttribute("aria-expanded", String(show));
}

function setUpEventRows() {
  for (const row of document.querySelectorAll("tr.event-row")) {
    row.addEventListener("click", (event) => {
      if (event.target.closest("a")) return; // links in the row keep their meaning
      toggleEvidence(row);
    });
    row.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggleEvidence(row);
      }
    });
  }
  openLinkedEvent();
  window.addEventListener("hashchange", openLinkedEvent);
}

// A link to #event-ID (the event labels of the article view) opens that event's evidence.
function openLinkedEvent() {
  if (!location.hash.startsWith("#event-")) return;
  const wanted = decodeURIComponent(location.hash.slice("#event-".length));
  const row = document.querySelector(`tr.event-row[data-event-id="${CSS.escape(wanted)}"]`);
  if (!row) return;
  for (const marked of document.querySelectorAll("tr.target-event")) marked.classList.remove("target-event");
  row.classList.add("target-event");
  toggleEvidence(row, true);
  row.scrollIntoView({ block: "center" });
}

function setUpUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const output = document.getElementById("upload-result");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) return;
    output.textContent = "Coding…";
    const response = await fetch("/api/articles?filename=" + encodeURIComponent(file.name), {
      method: "POST",
      headers: { Authorization: "Bearer " + form.elements.token.value },
      body: file,
    });
    output.textContent = JSON.stringify(await response.json(), null, 2);
  });
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function setUpApiDocs() {
  const holder = document.getElementById("api-docs");
  if (!holder) return;
  const spec = await (await fetch(holder.dataset.spec)).json();
  holder.replaceChildren(element("p", `${spec.info.title} ${spec.info.version}: ${spec.info.description}`));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const box = element("section", undefined, "endpoint");
      const head = element("h3");
      head.append(element("span", method.toUpperCase(), "method"), element("code", path));
      box.append(head, element("p", operation.summary || ""));
      if (operation.description) box.append(element("p", operation.description, "meta"));
      const parameters = (operation.parameters || []).map((parameter) =>
        parameter.$ref ? spec.components.parameters[parameter.$ref.split("/").pop()] : parameter);
      if (parameters.length) {
        const table = element("table");
        const header = element("tr");
        for (const title of ["parameter", "in", "type", "description"]) header.append(element("th", title));
        table.append(header);
        for (const parameter of parameters) {
          const row = element("tr");
          row.append(
            element("td", parameter.name + (parameter.required ? " *" : "")),
            element("td", parameter.in),
            element("td", (parameter.schema && (parameter.schema.enum ? parameter.schema.enum.join(" | ") : parameter.schema.type)) || ""),
            element("td", parameter.description || ""),
          );
          table.append(row);
        }
        box.append(table);
      }
      if (method === "get" && !path.includes("{")) {
        const link = element("a", "Try it: " + path);
        link.href = path + (path === "/api/search" ? "?q=Syria" : "");
        box.append(link);
      }
      holder.append(box);
    }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpEventRows();
  setUpUpload();
  setUpApiDocs().catch((error) => {
    document.getElementById("api-docs").textContent = "Could not read the API description: " + error;
  });
});

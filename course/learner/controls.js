// The learner's controls (Predict, confidence ratings, hints, Parsons), drawn with the
// browser's own form elements. Every word comes from Python (translated there); this file
// only draws, sends the learner's actions, and keeps the keyboard inside the control:
// - a key pressed in the control stays in the control (JupyterLab reads keys when they
//   reach the document), so the arrow keys change a choice instead of moving to another
//   cell; keys with Ctrl, Alt or Cmd (Ctrl + S saves), Tab and Shift + Enter still go on;
// - Esc goes back to the cell, in command mode, as the instruction says;
// - results appear in one live region (role=status) that stays in place, so screen
//   readers announce each new result.

let counter = 0;

function make(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function shell(model, el) {
  el.classList.add("codensocial-control");
  el.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      const cell = el.closest(".jp-Cell");
      if (!cell) return;
      event.preventDefault();
      event.stopPropagation();
      cell.focus();
      return;
    }
    if (event.ctrlKey || event.altKey || event.metaKey || event.key === "Tab") return;
    if (event.shiftKey && event.key === "Enter") return;
    event.stopPropagation();
  });
  const group = make("fieldset", { class: "codensocial-group" });
  const legend = make("legend");
  const help = make("p", { class: "codensocial-help" });
  const status = make("div", { role: "status", "aria-live": "polite", class: "codensocial-status" });
  group.append(legend, help);
  el.append(group, status);
  const words = () => {
    legend.innerHTML = model.get("legend");
    legend.hidden = !model.get("legend");
    help.textContent = model.get("help");
    help.hidden = !model.get("help");
    status.innerHTML = model.get("status");
  };
  words();
  model.on("change:legend", words);
  model.on("change:help", words);
  model.on("change:status", words);
  return group;
}

const WAIT_MS = 4000;

function ask(model, message) {
  // Python answers every message (the `answered` count goes up). No answer: this widget was
  // restored from the saved notebook and no kernel is behind it yet, so say what to do.
  const before = model.get("answered");
  model.send(message);
  setTimeout(() => {
    if (model.get("answered") === before) model.set("status", model.get("offline"));
  }, WAIT_MS);
}

function button(label, onPress) {
  const node = make("button", { type: "button", class: "codensocial-button" }, label);
  node.addEventListener("click", onPress);
  return node;
}

function choice(model, group) {
  const id = `codensocial-${++counter}`;
  const options = model.get("options");
  if (options.length) {
    options.forEach((option, index) => {
      const label = make("label", { class: "codensocial-option" });
      const radio = make("input", { type: "radio", name: id, value: String(index) });
      radio.checked = model.get("value") === index;
      radio.addEventListener("change", () => { model.set("value", index); model.save_changes(); });
      label.append(radio, " ", option);
      group.append(label);
    });
  } else {
    const label = make("label", { for: id }, model.get("field"));
    const input = make("input", { type: "text", id, class: "codensocial-text" });
    input.value = model.get("text");
    input.addEventListener("input", () => { model.set("text", input.value); model.save_changes(); });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") ask(model, { event: "check" });
    });
    group.append(label, input);
  }
  group.append(button(model.get("check_label"), () => ask(model, { event: "check" })));
}

function ratings(model, group) {
  const scale = model.get("scale");
  model.get("statements").forEach((statement, row) => {
    const id = `codensocial-${++counter}`;
    const line = make("div", { class: "codensocial-rating" });
    const label = make("label", { for: id }, statement);
    const select = make("select", { id });
    scale.forEach((words, value) => select.append(make("option", { value: String(value) }, words)));
    select.value = String(model.get("values")[row] || 0);
    select.addEventListener("change", () => {
      const values = [...model.get("values")];
      values[row] = Number(select.value);
      model.set("values", values);
      model.save_changes();
    });
    line.append(label, " ", select);
    group.append(line);
  });
}

function ticks(model, group) {
  model.get("statements").forEach((statement, row) => {
    const label = make("label", { class: "codensocial-option" });
    const box = make("input", { type: "checkbox" });
    box.checked = !!model.get("ticked")[row];
    box.addEventListener("change", () => {
      const ticked = [...model.get("ticked")];
      ticked[row] = box.checked;
      model.set("ticked", ticked);
      model.save_changes();
    });
    label.append(box, " ", statement);
    group.append(label);
  });
}

function hints(model, group) {
  // The hints shown so far are the live region's words: each new one is announced.
  const press = button(model.get("button_label"), () => ask(model, { event: "next" }));
  model.on("change:button_label", () => { press.textContent = model.get("button_label"); });
  group.append(press);
}

function parsons(model, group) {
  const list = make("div", { class: "codensocial-lines" });
  const rows = model.get("lines").map((_line, position) => {
    const item = make("div");
    const press = button("", () => ask(model, { event: "choose", position }));
    press.classList.add("codensocial-line");
    item.append(press);
    list.append(item);
    return press;
  });
  const refresh = () => {
    const chosen = model.get("chosen");
    model.get("lines").forEach((line, position) => {
      rows[position].textContent = line;
      rows[position].setAttribute("aria-pressed", String(position === chosen));
    });
  };
  refresh();
  model.on("change:lines", refresh);
  model.on("change:chosen", refresh);
  const [up, down, check] = model.get("actions");
  const actions = make("div", { class: "codensocial-actions" });
  actions.append(
    button(up, () => ask(model, { event: "move", step: -1 })),
    button(down, () => ask(model, { event: "move", step: 1 })),
    button(check, () => ask(model, { event: "check" })),
  );
  group.append(list, actions);
}

const KINDS = { choice, ratings, ticks, hints, parsons };

export default {
  render({ model, el }) {
    const group = shell(model, el);
    KINDS[model.get("kind")](model, group);
  },
};

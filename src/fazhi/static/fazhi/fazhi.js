// Behaviour that would otherwise be inline handlers (the Content-Security-Policy forbids those).
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
});
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});

// Pickers (core.pickers): a chosen option fills the field; typing again clears a single choice.
document.addEventListener("click", function (event) {
  var option = event.target.closest("[data-pick-value]");
  if (!option) return;
  var picker = option.closest("[data-picker]");
  var target = picker.querySelector("[data-pick-target]");
  var search = picker.querySelector(".picker-search");
  var value = option.getAttribute("data-pick-value");
  if (picker.hasAttribute("data-append")) {
    var items = target.value.split(/[、,，]/).map(function (s) { return s.trim(); }).filter(Boolean);
    if (items.indexOf(value) < 0) items.push(value);
    target.value = items.join("、");
    search.value = "";
  } else {
    target.value = value;
    search.value = option.getAttribute("data-pick-text");
  }
  picker.querySelector(".picker-results").innerHTML = "";
  target.dispatchEvent(new Event("change", { bubbles: true }));
});
document.addEventListener("input", function (event) {
  var search = event.target.closest(".picker-search");
  if (!search) return;
  var picker = search.closest("[data-picker]");
  if (!picker.hasAttribute("data-append")) picker.querySelector("[data-pick-target]").value = "";
});

// Phone layout: the menu button opens and closes the side navigation.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-menu-toggle]");
  if (!button) return;
  var open = document.body.classList.toggle("nav-open");
  button.setAttribute("aria-expanded", open ? "true" : "false");
});

// Progressive enhancement of a union-unit <select data-unit-picker>: a search box above it that ignores accents
// and case ("vinh chau" finds "LĐLĐ TX Vĩnh Châu"). Without JavaScript the plain select still works.
(function () {
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  document.querySelectorAll("select[data-unit-picker]").forEach(function (select) {
    var options = Array.prototype.slice.call(select.options).map(function (option) {
      return { option: option, text: fold(option.text) };
    });
    var input = document.createElement("input");
    input.type = "search";
    input.className = "unit-search";
    input.placeholder = select.getAttribute("data-search-placeholder") || "";
    input.setAttribute("aria-label", input.placeholder);
    input.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var words = fold(input.value).split(" ").filter(Boolean);
      var first = null;
      options.forEach(function (entry) {
        var keep = !entry.option.value || words.every(function (w) { return entry.text.indexOf(w) !== -1; });
        entry.option.hidden = !keep;
        entry.option.disabled = !keep && !entry.option.selected;
        if (keep && entry.option.value && first === null) { first = entry.option; }
      });
      if (first && (select.selectedIndex < 1 || select.options[select.selectedIndex].hidden)) { first.selected = true; }
    });
  });
})();

/* FrameLens tables: sort by a column (click its header) and a filter box, on tables of 10 rows or more.
   Progressive enhancement: without scripts the tables are the same, complete and readable. Nothing is loaded
   and no markup is built from text (textContent and createElement only), so table text cannot run. */
(function () {
  "use strict";
  var MIN_ROWS = 10;
  function key(text) {
    var t = text.trim().replace(/[,\u00a0\u202f%]/g, "").replace(/^\u2212/, "-");
    return t !== "" && isFinite(t) ? parseFloat(t) : null;
  }
  function enhance(table) {
    var body = table.tBodies[0], head = table.tHead;
    if (!body || !head || body.rows.length < MIN_ROWS) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    var labels = head.rows[head.rows.length - 1].cells;
    if (labels.length !== rows[0].cells.length) { return; }
    Array.prototype.forEach.call(labels, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "framelens-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(labels, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var numeric = rows.every(function (r) { var c = r.cells[col].textContent; return c.trim() === "" || key(c) !== null; });
        var sorted = rows.slice().sort(function (a, b) {
          var x = a.cells[col].textContent, y = b.cells[col].textContent;
          var d = numeric ? (key(x) === null ? -Infinity : key(x)) - (key(y) === null ? -Infinity : key(y))
                          : x.localeCompare(y, undefined, {numeric: true, sensitivity: "base"});
          return (up ? d : -d) || rows.indexOf(a) - rows.indexOf(b);
        });
        sorted.forEach(function (r) { body.appendChild(r); });
      });
    });
    var box = document.createElement("input");
    box.type = "search";
    box.className = "framelens-filter";
    box.placeholder = "Filter these " + rows.length + " rows";
    box.setAttribute("aria-label", "Filter the table's rows");
    var count = document.createElement("span");
    count.className = "framelens-filter-count";
    box.addEventListener("input", function () {
      var q = box.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) {
        var hit = q === "" || r.textContent.toLowerCase().indexOf(q) >= 0;
        r.hidden = !hit;
        shown += hit ? 1 : 0;
      });
      count.textContent = q === "" ? "" : shown + " of " + rows.length + " rows";
    });
    var bar = document.createElement("div");
    bar.className = "framelens-table-tools";
    bar.appendChild(box);
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.framelens-table"), enhance);
}());

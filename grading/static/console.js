// Live activity feeds: one EventSource per [data-stream] element (the seats page: one for all its seats,
// each event naming its seat); newest event on top; reconnects by itself.
(function () {
  "use strict";
  function time(iso) {
    var d = new Date(iso);
    return d.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }
  function feedFor(root, event) {
    if (root.matches("ol.feed")) return root;
    return root.querySelector('ol.feed[data-seat="' + CSS.escape(event.seat || "") + '"]');
  }
  document.querySelectorAll("[data-stream]").forEach(function (root) {
    if (!root.dataset.stream) return;
    var source = new EventSource(root.dataset.stream);
    source.addEventListener("reset", function (message) {  // the seat was reset: its feed starts over
      var feed = feedFor(root, JSON.parse(message.data));
      if (feed) { feed.querySelectorAll("li.feed-item").forEach(function (item) { item.remove(); }); }
    });
    source.addEventListener("activity", function (message) {
      var event = JSON.parse(message.data);
      var feed = feedFor(root, event);
      if (!feed) return;
      var item = document.createElement("li");
      item.className = "feed-item feed-item--" + event.action;
      item.dataset.eventId = event.id;
      var when = document.createElement("time");
      when.dateTime = event.at;
      when.textContent = time(event.at);
      var who = document.createElement("span");
      who.className = "feed-actor";
      who.textContent = event.actor_name;
      var what = document.createElement("span");
      what.className = "feed-summary";
      what.textContent = event.summary;  // textContent: a summary can never inject markup
      item.append(when, " ", who, " — ", what);
      if (event.action === "autosave") {  // a draft's progress: its latest line replaces the previous one
        item.dataset.progress = event.object_id + "|" + event.actor_kind + "|" + event.actor_name;
        feed.querySelectorAll("li[data-progress]").forEach(function (old) {
          if (old.dataset.progress === item.dataset.progress) { old.remove(); }
        });
      }
      feed.prepend(item);
    });
  });
})();

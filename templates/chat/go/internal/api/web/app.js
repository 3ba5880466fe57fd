// The chat's browser client: no framework, no build step. Everything a
// user typed is put on the page with textContent, never parsed as HTML, so a
// message cannot inject markup or script.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem("token"), me: null, ws: null, room: null, oldest: null, typingTimers: {} };

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { "Content-Type": "application/json", ...(state.token ? { Authorization: "Bearer " + state.token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(data && data.error ? data.error : res.statusText);
  return data;
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

$("auth-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const action = ev.submitter.dataset.action;
  try {
    const s = await api("POST", "/api/auth/" + action, { username: $("username").value, password: $("password").value });
    state.token = s.token;
    sessionStorage.setItem("token", s.token);
    start();
  } catch (err) {
    $("auth-error").textContent = err.message;
  }
});

async function start() {
  try {
    state.me = await api("GET", "/api/auth/me");
  } catch {
    sessionStorage.removeItem("token");
    return;
  }
  $("login").hidden = true;
  $("chat").hidden = false;
  await loadRooms();
  connect();
}

async function loadRooms() {
  const { data } = await api("GET", "/api/rooms");
  const list = $("rooms");
  list.replaceChildren();
  for (const room of data) {
    const li = el("li", "# " + room.name);
    li.dataset.id = room.id;
    if (room.id === state.room) li.className = "active";
    li.addEventListener("click", () => enter(room.id));
    list.append(li);
  }
}

$("room-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    const room = await api("POST", "/api/rooms", { name: $("room-name").value });
    $("room-name").value = "";
    await loadRooms();
    enter(room.id);
  } catch (err) {
    alert(err.message);
  }
});

function connect() {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(proto + "//" + location.host + "/ws?token=" + encodeURIComponent(state.token));
  state.ws = ws;
  ws.onopen = () => {
    $("status").textContent = "online";
    if (state.room) enter(state.room);
  };
  ws.onclose = (ev) => {
    // 1008 "session ended: …": logged out (here or in another tab) or
    // expired. Reconnecting with the same token would only be refused.
    if (ev.code === 1008 && ev.reason.startsWith("session ended")) return signedOut(ev.reason);
    $("status").textContent = "offline" + (ev.reason ? ": " + ev.reason : "") + " — reconnecting…";
    setTimeout(connect, 2000);
  };
  ws.onmessage = (ev) => receive(JSON.parse(ev.data));
}

function signedOut(why) {
  state.token = null;
  state.ws = null;
  sessionStorage.removeItem("token");
  $("chat").hidden = true;
  $("login").hidden = false;
  $("auth-error").textContent = why;
}

function send(frame) {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(frame));
}

async function enter(id) {
  if (state.room && state.room !== id) send({ type: "leave", room: state.room });
  state.room = id;
  state.oldest = null;
  $("messages").replaceChildren();
  for (const li of $("rooms").children) li.className = Number(li.dataset.id) === id ? "active" : "";
  await loadHistory();
  send({ type: "join", room: id });
  $("text").disabled = false;
  $("message-form").querySelector("button").disabled = false;
}

async function loadHistory() {
  const q = state.oldest ? "&before=" + state.oldest : "";
  const page = await api("GET", "/api/rooms/" + state.room + "/messages?limit=50" + q);
  const first = $("messages").firstChild;
  for (const m of page.data) $("messages").insertBefore(messageItem(m), first);
  state.oldest = page.next_before;
  $("older").hidden = !page.has_more;
  if (!q) $("messages").scrollTop = $("messages").scrollHeight;
}
$("older").addEventListener("click", loadHistory);

function messageItem(m) {
  const li = el("li");
  li.append(el("span", m.user.username, "who"), el("span", m.text), el("span", new Date(m.created_at).toLocaleTimeString(), "when"));
  return li;
}

function event(text) {
  $("messages").append(el("li", text, "event"));
}

function receive(f) {
  if (f.type === "error") return event("⚠ " + f.message);
  if (f.room !== state.room) return;
  switch (f.type) {
    case "message":
      $("messages").append(messageItem(f));
      $("messages").scrollTop = $("messages").scrollHeight;
      break;
    case "presence":
      $("online").replaceChildren(...f.users.map((u) => el("li", u.username)));
      break;
    case "join":
    case "leave":
      event(f.user.username + (f.type === "join" ? " joined" : " left"));
      send({ type: "presence", room: state.room });
      break;
    case "typing":
      if (f.user.id === state.me.id) return;
      $("typing").textContent = f.user.username + " is typing…";
      clearTimeout(state.typingTimers.t);
      state.typingTimers.t = setTimeout(() => ($("typing").textContent = ""), 3000);
      break;
  }
}

let lastTyping = 0;
$("text").addEventListener("input", () => {
  if (Date.now() - lastTyping > 2000) {
    lastTyping = Date.now();
    send({ type: "typing", room: state.room });
  }
});

$("message-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = $("text").value.trim();
  if (!text) return;
  send({ type: "message", room: state.room, text });
  $("text").value = "";
});

if (state.token) start();

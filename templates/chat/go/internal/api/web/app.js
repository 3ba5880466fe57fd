// The chat's browser client: no framework, no build step. Everything a
// user typed is put on the page with textContent, never parsed as HTML, so a
// message cannot inject markup or script.
//
// A part of the server that is not built yet answers 501 naming its
// milestone; the page says so where that part would be, and keeps working.
"use strict";

const $ = (id) => document.getElementById(id);
const PAGE = 50; // messages per history page
const TYPING_MS = 3000; // how long "… is typing" lasts without news
const state = {
  token: sessionStorage.getItem("token"),
  me: null,
  ws: null,
  retries: 0,
  retryTimer: null,
  rooms: [],
  room: null,
  oldest: null,
  seen: new Set(), // ids of the messages on the page
  typers: new Map(), // user id -> { name, timer }
  lastTyping: 0,
  told: new Set(), // milestones already said to be missing
};

// ApiError is an answer that is not 2xx; milestone is set on a 501 stub.
class ApiError extends Error {
  constructor(status, message, milestone) {
    super(message);
    this.status = status;
    this.milestone = milestone;
  }
}

async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: { "Content-Type": "application/json", ...(state.token ? { Authorization: "Bearer " + state.token } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, "The server cannot be reached. Is it running?");
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || res.statusText || "request failed", data && data.milestone);
  return data;
}

// notBuilt says that what is the job of a milestone still to come.
function notBuilt(what, milestone) {
  return `${what} ${what.endsWith("s") ? "are" : "is"} not built yet: ${milestone ? `that is the “${milestone}” milestone` : "the server answers 501"}.`;
}

// explain turns an error into a sentence; what names the attempt.
function explain(err, what) {
  if (err.status === 501) return notBuilt(what, err.milestone);
  const text = err.message || "something went wrong";
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? "" : ".");
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

// The notice: errors and news, in the page. Dismiss or Esc closes it.
function notify(text) {
  $("notice-text").textContent = text;
  $("notice").hidden = false;
}
function closeNotice() {
  $("notice").hidden = true;
}
$("notice-close").addEventListener("click", closeNotice);
document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && !$("notice").hidden) {
    ev.preventDefault();
    closeNotice();
  }
});

function setStatus(kind, text) {
  $("status").dataset.state = kind;
  $("status").textContent = text;
}

// Signing in.
$("auth-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const action = ev.submitter && ev.submitter.dataset.action === "register" ? "register" : "login";
  const buttons = $("auth-form").querySelectorAll("button");
  buttons.forEach((b) => (b.disabled = true));
  $("auth-error").textContent = "";
  try {
    const s = await api("POST", "/api/auth/" + action, { username: $("username").value.trim(), password: $("password").value });
    state.token = s.token;
    sessionStorage.setItem("token", s.token);
    $("password").value = "";
    await start();
  } catch (err) {
    $("auth-error").textContent = explain(err, action === "register" ? "Registering" : "Logging in");
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
});

async function start() {
  try {
    state.me = await api("GET", "/api/auth/me");
  } catch (err) {
    if (err.status === 401) return signedOut("Your session has ended: log in again.");
    return signedOut(explain(err, "Signing in"));
  }
  $("login").hidden = true;
  $("chat").hidden = false;
  $("me").textContent = $("me").title = state.me.username; // the title shows a name cut short
  $("me").hidden = $("logout").hidden = false;
  await loadRooms();
  connect();
  $("room-name").focus();
}

$("logout").addEventListener("click", async () => {
  try {
    await api("POST", "/api/auth/logout");
  } catch {
    // Signed out here either way; the session expires by itself.
  }
  signedOut("");
});

function signedOut(why) {
  const ws = state.ws;
  state.ws = null;
  if (ws) ws.close(1000, "signed out");
  clearTimeout(state.retryTimer);
  state.token = state.me = state.room = null;
  sessionStorage.removeItem("token");
  clearTypers();
  $("messages").replaceChildren();
  $("online").replaceChildren();
  $("chat").hidden = true;
  $("me").hidden = $("logout").hidden = true;
  $("login").hidden = false;
  $("auth-error").textContent = why;
  setStatus("offline", "offline");
  $("username").focus();
}

// Rooms.
async function loadRooms() {
  try {
    const { data } = await api("GET", "/api/rooms");
    state.rooms = data;
    $("rooms-empty").hidden = data.length > 0;
    $("rooms-empty").textContent = "No rooms yet: create the first one.";
  } catch (err) {
    state.rooms = [];
    $("rooms-empty").hidden = false;
    $("rooms-empty").textContent = explain(err, "Rooms");
  }
  renderRooms();
}

// The list is rebuilt only when its rooms change: the refreshes (every 30 s,
// on focus, on reconnecting) mostly find the same rooms, and replacing a
// button between a press and its release would lose that click.
let renderedRooms = "";

function renderRooms() {
  const key = JSON.stringify(state.rooms.map((room) => [room.id, room.name]));
  if (key !== renderedRooms) {
    renderedRooms = key;
    $("rooms").replaceChildren(
      ...state.rooms.map((room) => {
        const b = el("button", "# " + room.name);
        b.type = "button";
        b.dataset.room = room.id;
        b.addEventListener("click", () => enter(room.id));
        return el("li").appendChild(b).parentNode;
      }),
    );
  }
  for (const b of $("rooms").querySelectorAll("button")) {
    if (Number(b.dataset.room) === state.room) b.setAttribute("aria-current", "true");
    else b.removeAttribute("aria-current");
  }
}

$("room-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    const room = await api("POST", "/api/rooms", { name: $("room-name").value.trim() });
    $("room-name").value = "";
    await loadRooms();
    enter(room.id);
  } catch (err) {
    notify(explain(err, "Creating rooms"));
  }
});

// Someone else's new room shows up without a reload.
setInterval(() => state.me && !document.hidden && loadRooms(), 30000);
window.addEventListener("focus", () => state.me && loadRooms());

// The connection: one WebSocket, back by itself after the server restarts.
function connect() {
  clearTimeout(state.retryTimer);
  setStatus("connecting", "connecting…");
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(proto + "//" + location.host + "/ws?token=" + encodeURIComponent(state.token));
  let opened = false;
  state.ws = ws;
  ws.onopen = () => {
    opened = true;
    state.retries = 0;
    setStatus("online", "online");
    if (state.room) enter(state.room);
    loadRooms();
  };
  ws.onmessage = (ev) => {
    let frame;
    try {
      frame = JSON.parse(ev.data);
    } catch {
      return;
    }
    receive(frame);
  };
  ws.onclose = async (ev) => {
    if (state.ws !== ws) return; // signed out, or replaced
    state.ws = null;
    setComposer(false);
    clearTypers();
    // 1008 "session ended: …": logged out (here or in another tab) or
    // expired. Reconnecting with the same token would only be refused.
    if (ev.code === 1008 && ev.reason.startsWith("session ended")) return signedOut("Signed out: " + ev.reason.replace(/^session ended:?\s*/, "") + ".");
    if (!opened && (await refusedForGood())) return;
    const delay = Math.min(10, 2 ** state.retries++);
    setStatus("offline", `offline, reconnecting in ${delay} s…`);
    state.retryTimer = setTimeout(() => state.token && connect(), delay * 1000);
  };
}

// refusedForGood tells, after an upgrade that failed, whether trying again
// is pointless: the WebSocket is not built yet, or the session is gone.
async function refusedForGood() {
  try {
    const res = await fetch("/ws");
    if (res.status === 501) {
      const body = await res.json().catch(() => ({}));
      setStatus("offline", "offline");
      notify(notBuilt("Live messages", body.milestone) + " The page can list rooms and their history meanwhile.");
      return true;
    }
    await api("GET", "/api/auth/me");
  } catch (err) {
    if (err.status === 401) {
      signedOut("Your session has ended: log in again.");
      return true;
    }
  }
  return false;
}

function send(frame) {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) return false;
  state.ws.send(JSON.stringify(frame));
  return true;
}

function setComposer(on) {
  $("text").disabled = !on;
  $("message-form").querySelector("button").disabled = !on;
}

// A room: its history, then live messages.
async function enter(id) {
  if (state.room && state.room !== id) send({ type: "leave", room: state.room });
  state.room = id;
  state.oldest = null;
  state.seen.clear();
  clearTypers();
  $("messages").replaceChildren();
  $("online").replaceChildren();
  $("older").hidden = true;
  const room = state.rooms.find((r) => r.id === id);
  $("room-title").textContent = room ? "# " + room.name : "Room " + id;
  renderRooms();
  setComposer(false);
  // Joined first, then the history: a message sent in between arrives live
  // and is not shown twice.
  send({ type: "join", room: id });
  await loadHistory();
}

async function loadHistory() {
  const room = state.room;
  const list = $("messages");
  try {
    const q = state.oldest ? "&before=" + state.oldest : "";
    const page = await api("GET", `/api/rooms/${room}/messages?limit=${PAGE}${q}`);
    if (room !== state.room) return;
    const first = !q;
    const height = list.scrollHeight;
    const at = list.firstChild;
    for (const m of page.data) if (!state.seen.has(m.id)) list.insertBefore(messageItem(m), at);
    state.oldest = page.next_before;
    $("older").hidden = !page.has_more;
    // The newest at the bottom on entering; the same message in view after
    // loading older ones.
    list.scrollTop = first ? list.scrollHeight : list.scrollTop + list.scrollHeight - height;
  } catch (err) {
    if (room === state.room) list.append(el("li", explain(err, "Message history"), "event"));
  }
}
$("older").addEventListener("click", loadHistory);

function messageItem(m) {
  state.seen.add(m.id);
  const li = el("li", undefined, "message" + (state.me && m.user.id === state.me.id ? " mine" : ""));
  const meta = el("div", undefined, "meta");
  const when = el("time", new Date(m.created_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }), "when");
  when.dateTime = m.created_at;
  meta.append(el("span", m.user.username, "who"), when);
  li.append(meta, el("p", m.text, "text"));
  return li;
}

function event(text) {
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.append(el("li", text, "event"));
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function receive(f) {
  if (f.type === "error") {
    if (f.milestone) {
      if (!state.told.has(f.milestone)) notify(notBuilt(f.message.replace(/ (is|are) not implemented yet$/i, "").replace(/^./, (c) => c.toUpperCase()), f.milestone));
      state.told.add(f.milestone);
    } else {
      notify(explain(f, ""));
    }
    return;
  }
  if (f.room !== state.room) return;
  switch (f.type) {
    case "joined":
      setComposer(true);
      if (document.activeElement === document.body || !document.activeElement) $("text").focus();
      break;
    case "message": {
      stopTyping(f.user.id);
      if (state.seen.has(f.id)) break;
      const list = $("messages");
      const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
      list.append(messageItem(f));
      if (atBottom || f.user.id === state.me.id) list.scrollTop = list.scrollHeight;
      break;
    }
    case "presence":
      $("online").replaceChildren(...f.users.map((u) => el("li", u.id === state.me.id ? u.username + " (you)" : u.username)));
      break;
    case "join":
    case "leave":
      if (f.user.id !== state.me.id) event(f.user.username + (f.type === "join" ? " joined" : " left"));
      if (f.type === "leave") stopTyping(f.user.id);
      send({ type: "presence", room: state.room });
      break;
    case "typing":
      if (f.user.id !== state.me.id) startTyping(f.user);
      break;
  }
}

// "… is typing": per person, gone when their message arrives, when they
// leave, or TYPING_MS after their last keystroke.
function startTyping(user) {
  const t = state.typers.get(user.id);
  if (t) clearTimeout(t.timer);
  state.typers.set(user.id, { name: user.username, timer: setTimeout(() => stopTyping(user.id), TYPING_MS) });
  renderTyping();
}

function stopTyping(id) {
  const t = state.typers.get(id);
  if (!t) return;
  clearTimeout(t.timer);
  state.typers.delete(id);
  renderTyping();
}

function clearTypers() {
  for (const t of state.typers.values()) clearTimeout(t.timer);
  state.typers.clear();
  renderTyping();
}

function renderTyping() {
  const names = [...state.typers.values()].map((t) => t.name);
  $("typing").textContent =
    names.length === 0 ? "" : names.length === 1 ? `${names[0]} is typing…` : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : `${names.length} people are typing…`;
}

$("text").addEventListener("input", () => {
  if ($("text").value && Date.now() - state.lastTyping > 2000) {
    state.lastTyping = Date.now();
    send({ type: "typing", room: state.room });
  }
});

// Enter sends (the form's submit).
$("message-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = $("text").value.trim();
  if (!text || !state.room) return;
  if (!send({ type: "message", room: state.room, text })) {
    notify("Not connected: the message was not sent. It is still in the box; press Enter again once the page says online.");
    return;
  }
  $("text").value = "";
  state.lastTyping = 0;
});

if (state.token) start();

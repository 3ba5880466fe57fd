package browser

import (
	"strings"
	"testing"
)

// unlabelled is a JavaScript expression: the visible form fields that have
// no label (a <label>, aria-label or aria-labelledby). A placeholder is not
// a label: it goes away as soon as one types.
const unlabelled = `[...document.querySelectorAll("input, select, textarea")]
	.filter((e) => e.type !== "hidden" && e.getClientRects().length > 0)
	.filter((e) => !(e.labels && [...e.labels].some((l) => l.textContent.trim())) &&
		!(e.getAttribute("aria-label") || "").trim() &&
		!(e.getAttribute("aria-labelledby") || "").split(/\s+/).some((id) => id && (document.getElementById(id) || {}).textContent))
	.map((e) => e.outerHTML.slice(0, 120))`

// checkLabels fails the test for every form field on the page without a
// label.
func checkLabels(t *testing.T, tb *tab) {
	t.Helper()
	for _, f := range eval[[]string](tb, unlabelled) {
		t.Errorf("%s's page: a field has no label: %s", tb.name, f)
	}
}

// lowContrast is a JavaScript expression: every visible element holding
// text of its own whose colour is less than 4.5:1 against what is behind it
// (WCAG 2's contrast ratio), its background being the nearest backgrounds
// of it and its ancestors laid over each other on white. Disabled controls
// are exempt, as WCAG has it.
const lowContrast = `(() => {
	const parse = (c) => {
		const m = c.match(/rgba?\(([^)]+)\)/);
		if (!m) return [0, 0, 0, 1];
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
		return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
	};
	const over = (top, under) => {
		const a = top[3];
		return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
	};
	const lum = (c) => {
		const [r, g, b] = c.slice(0, 3).map((v) => {
			v /= 255;
			return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const background = (e) => {
		const layers = [];
		for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
			const c = parse(getComputedStyle(n).backgroundColor);
			if (c[3] > 0) layers.push(c);
			if (c[3] >= 1) break;
		}
		let bg = [255, 255, 255, 1];
		for (const c of layers.reverse()) bg = over(c, bg);
		return bg;
	};
	const out = [];
	for (const e of document.querySelectorAll("body *")) {
		if (e.matches(":disabled, script, style, option")) continue;
		const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
		if (!own || e.getClientRects().length === 0) continue;
		const s = getComputedStyle(e);
		if (s.visibility === "hidden" || Number(s.opacity) === 0) continue;
		const bg = background(e);
		const fg = over(parse(s.color), bg);
		const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
		const ratio = (hi + 0.05) / (lo + 0.05);
		if (ratio < 4.5) {
			out.push(ratio.toFixed(2) + ":1 " + s.color + " on " + "rgb(" + bg.slice(0, 3).map(Math.round).join(", ") + ") " +
				e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().replace(/\s+/g, ".") : "") +
				' "' + e.textContent.trim().slice(0, 40) + '"');
		}
	}
	return out;
})()`

// checkContrast fails the test for every text on the page that is not at
// least 4.5:1 against its background.
func checkContrast(t *testing.T, tb *tab) {
	t.Helper()
	if low := eval[[]string](tb, lowContrast); len(low) > 0 {
		t.Errorf("%s's page: text below 4.5:1 contrast:\n  %s", tb.name, strings.Join(low, "\n  "))
	}
}

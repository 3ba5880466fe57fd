package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key the TUI answers to. The help bar and the help overlay
// are generated from it, so a key cannot work without being documented.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Left, Right                             key.Binding // scroll a lesson's wide code sideways
	Open, Back                              key.Binding
	NextTab, PrevTab                        key.Binding
	Filter                                  key.Binding

	Toggle, Done, Doing, Skip, Reset key.Binding
	Quiz, Review, NewProject         key.Binding
	Practice                         key.Binding
	Choose                           key.Binding

	Help, Quit, ForceQuit key.Binding
}

// DefaultKeyMap is the key map: arrows and vim keys, enter, esc/backspace.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		// Not ←/→: those go back and open everywhere.
		Left:  key.NewBinding(key.WithKeys("<", "shift+left"), key.WithHelp("<", "scroll ←")),
		Right: key.NewBinding(key.WithKeys(">", "shift+right"), key.WithHelp(">", "scroll →")),

		Open: key.NewBinding(key.WithKeys("enter", "right", "l"), key.WithHelp("enter", "open")),
		Back: key.NewBinding(key.WithKeys("esc", "backspace", "left", "h"), key.WithHelp("esc", "back")),

		NextTab: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "pane")),
		PrevTab: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev pane")),
		Filter:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),

		Toggle: key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "done")),
		Done:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "done")),
		Doing:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "start")),
		Skip:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "skip")),
		Reset:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reset")),

		Quiz:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "quiz")),
		Review:     key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "review")),
		NewProject: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new project")),
		Practice:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "practise")),
		Choose:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "answer")),

		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// ShortHelp is the global part of the help bar.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Help, k.Quit} }

// FullHelp is the help overlay, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Left, k.Right},
		{k.Open, k.Back, k.NextTab, k.PrevTab, k.Filter},
		{k.Toggle, k.Done, k.Doing, k.Skip, k.Reset},
		{k.Quiz, k.Review, k.Choose, k.NewProject, k.Practice, k.Help, k.Quit},
	}
}

package check

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// The values of a check file with a syntax of their own decode themselves.

// UnmarshalStrict reads any YAML value as the JSON value it stands for.
func (out *Value) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	if bad := findAlias(n); bad != nil {
		d.Errorf(bad, "anchors and aliases are not supported here: write the value out")
		return
	}
	var raw any
	if err := n.Decode(&raw); err != nil {
		d.Errorf(n, "%v", err)
		return
	}
	v, err := toJSONValue(raw)
	if err != nil {
		d.Errorf(n, "%v", err)
		return
	}
	out.V = v
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if bad := findAlias(c); bad != nil {
			return bad
		}
	}
	return nil
}

// toJSONValue turns a decoded YAML value into the shape encoding/json
// produces (map[string]any, []any, float64, string, bool, nil).
func toJSONValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool, float64:
		return x, nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			j, err := toJSONValue(e)
			if err != nil {
				return nil, err
			}
			out[k] = j
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			j, err := toJSONValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = j
		}
		return out, nil
	case time.Time:
		return x.Format(time.RFC3339Nano), nil
	}
	return nil, fmt.Errorf("a %T cannot be written as JSON (map keys must be strings)", v)
}

// UnmarshalStrict reads a positive duration such as 2s or 500ms.
func (out *Duration) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "expected a duration such as 2s or 500ms, got %s", yamlstrict.KindName(n))
		return
	}
	dur, err := time.ParseDuration(n.Value)
	if err != nil || dur <= 0 {
		d.Errorf(n, "expected a positive duration such as 2s or 500ms, got %q", n.Value)
		return
	}
	*out = Duration(dur)
}

// UnmarshalStrict reads an HTTP status code or a list of them.
func (out *StatusSet) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	one := func(n *yaml.Node) {
		c, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil || c < 100 || c > 599 {
			d.Errorf(n, "expected an HTTP status code (100-599), got %s", yamlstrict.KindName(n))
			return
		}
		*out = append(*out, c)
	}
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			one(c)
		}
		return
	}
	one(n)
}

// UnmarshalStrict reads a command: a string split on spaces, or a list.
func (out *Words) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		*out = strings.Fields(n.Value)
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				d.Errorf(c, "expected a word, got %s", yamlstrict.KindName(c))
				continue
			}
			*out = append(*out, c.Value)
		}
	default:
		d.Errorf(n, "expected a command (a string or a list), got %s", yamlstrict.KindName(n))
	}
}

var countRE = lazyregexp.New(`^\s*(?:(\d+)|any|(\d+)\s*\.\.\s*(\d+)|>=\s*(\d+)|<=\s*(\d+))\s*$`)

// ParseCount parses an expected count: 5, any, 1..5, >=1, <=3.
func ParseCount(s string) (Count, bool) {
	m := countRE.FindStringSubmatch(s)
	if m == nil {
		return Count{}, false
	}
	atoi := func(s string) int { i, _ := strconv.Atoi(s); return i }
	c := Count{Text: strings.TrimSpace(s)}
	switch {
	case m[1] != "":
		c.Min, c.Max = atoi(m[1]), atoi(m[1])
	case m[2] != "":
		c.Min, c.Max = atoi(m[2]), atoi(m[3])
	case m[4] != "":
		c.Min, c.Max = atoi(m[4]), -1
	case m[5] != "":
		c.Min, c.Max = 0, atoi(m[5])
	default:
		c.Min, c.Max = 0, -1
	}
	return c, c.Max < 0 || c.Min <= c.Max
}

// UnmarshalStrict reads an expected count.
func (out *Count) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	c, ok := ParseCount(n.Value)
	if n.Kind != yaml.ScalarNode || !ok {
		d.Errorf(n, "expected a count: a number, any, N..M, >=N or <=N; got %s", yamlstrict.KindName(n))
		return
	}
	*out = c
}

// plainMatcher and plainClient decode as their structs do, without the
// shorthands below (which would otherwise call themselves).
type (
	plainMatcher Matcher
	plainClient  WSClient
)

// UnmarshalStrict reads a matcher; a bare value is short for eq.
func (m *Matcher) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		m.Pos, m.Eq = d.At(n), &Value{}
		m.Eq.UnmarshalStrict(d, n)
		return
	}
	d.DecodeValue(n, reflect.ValueOf((*plainMatcher)(m)).Elem())
}

// UnmarshalStrict reads a WebSocket client; a bare name is short for
// {name: …}.
func (c *WSClient) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		c.Pos, c.Name = d.At(n), n.Value
		return
	}
	d.DecodeValue(n, reflect.ValueOf((*plainClient)(c)).Elem())
}

package curriculum

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"reflect"
	"testing"

	"github.com/waymark-dev/waymark/roadmap"
)

// sameContent fails t unless got and want hold the same exported content;
// JSON tells a nil slice (null) from an empty one ([]).
func sameContent(t *testing.T, got, want *Curriculum) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(g, w) {
		t.Fatalf("decoded content differs:\ngot  %.600s\nwant %.600s", g, w)
	}
}

func TestCodecKeepsTheBuiltinRoadmap(t *testing.T) {
	data, err := fs.ReadFile(roadmap.FS, File)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Parse(data, File)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeCurriculum(encodeCurriculum(want))
	if err != nil {
		t.Fatal(err)
	}
	sameContent(t, got, want)
}

// TestCodecKeepsEveryField fills every exported field of every type a
// curriculum holds, so that a field added to a type but not to the codec
// fails here; and then empties them, so that nil stays nil.
func TestCodecKeepsEveryField(t *testing.T) {
	var full Curriculum
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	got, err := decodeCurriculum(encodeCurriculum(&full))
	if err != nil {
		t.Fatal(err)
	}
	sameContent(t, got, &full)

	empty := &Curriculum{Steps: []*Step{nil, {Topics: []*Topic{nil, {}}}}, Skills: []*Skill{nil}, FAQ: []FAQ{}}
	if got, err = decodeCurriculum(encodeCurriculum(empty)); err != nil {
		t.Fatal(err)
	}
	sameContent(t, got, empty)
}

// fill gives every exported field of v a value of its own: strings and
// numbers from the counter, slices of two, pointers to filled values.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int:
		v.SetInt(int64(*n) * -37) // negative too: lengths are not the only integers
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	default:
		panic(fmt.Sprintf("fill: a field of kind %s; teach fill and the codec about it", v.Kind()))
	}
}

// TestCodecRefusesDamage: every truncation of an entry, and an entry with
// bytes to spare, is refused as damaged rather than read (or panicking).
func TestCodecRefusesDamage(t *testing.T) {
	var full Curriculum
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	data := encodeCurriculum(&full)
	for i := range len(data) {
		if _, err := decodeCurriculum(data[:i]); err == nil {
			t.Fatalf("an entry cut at %d of %d bytes was read", i, len(data))
		}
	}
	if _, err := decodeCurriculum(append(data, 0)); err == nil {
		t.Fatal("an entry with a byte to spare was read")
	}
	huge := append([]byte{}, data[:1]...) // Format, then an ID "as long as" 2^62 bytes
	huge = append(huge, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)
	if _, err := decodeCurriculum(huge); err == nil {
		t.Fatal("an impossible length was read")
	}
}

// BenchmarkCacheEntryDecode measures decoding the built-in roadmap's cache
// entry, what every command pays once.
func BenchmarkCacheEntryDecode(b *testing.B) {
	data, err := fs.ReadFile(roadmap.FS, File)
	if err != nil {
		b.Fatal(err)
	}
	c, err := Parse(data, File)
	if err != nil {
		b.Fatal(err)
	}
	entry := encodeCurriculum(c)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeCurriculum(entry); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzCacheEntry: whatever bytes a cache entry holds, decoding returns a
// curriculum or an error, never a panic or a huge allocation.
func FuzzCacheEntry(f *testing.F) {
	var full Curriculum
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	f.Add(encodeCurriculum(&full))
	f.Add(encodeCurriculum(&Curriculum{}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if c, err := decodeCurriculum(data); err == nil && c == nil {
			t.Fatal("no curriculum and no error")
		}
	})
}

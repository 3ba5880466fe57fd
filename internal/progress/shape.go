package progress

import (
	"reflect"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// UnmarshalStrict reads a list of folders, or format 1's single folder.
func (f *Folders) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		one := new(Project)
		d.DecodeValue(n, reflect.ValueOf(one).Elem())
		*f = Folders{one}
		return
	}
	var list []*Project
	d.DecodeValue(n, reflect.ValueOf(&list).Elem())
	*f = list
}

// Command power-mod is the judge's harness around powMod: each case's
// arguments are three lists of the same length, the bases, the exponents
// and the moduli; the answer is powMod of each triple.
package main

import (
	"encoding/json"
	"errors"
)

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var bases, exps, mods []int
		if err := decode(args, &bases, &exps, &mods); err != nil {
			return nil, err
		}
		if len(exps) != len(bases) || len(mods) != len(bases) {
			return nil, errors.New("the three lists differ in length")
		}
		return func() any {
			out := make([]int, len(bases))
			for i := range bases {
				out[i] = powMod(bases[i], exps[i], mods[i])
			}
			return out
		}, nil
	})
}

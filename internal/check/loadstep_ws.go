package check

import (
	"context"
	"errors"
)

func (r *Runner) runLoadWS(ctx context.Context, p *Plan, l *LoadStep, sc *scope, sr *StepResult) error {
	return errors.New("not yet")
}

package library

import "github.com/go-git/go-git/v5/config"

type gitconfigRemote struct{ name, url string }

func (r gitconfigRemote) config() *config.RemoteConfig {
	return &config.RemoteConfig{Name: r.name, URLs: []string{r.url}}
}

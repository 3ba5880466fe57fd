package api

import (
	"net/http"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/hub"
)

// presenceFrame lists who is online in a room.
type presenceFrame struct {
	Type  string       `json:"type"` // "presence"
	Room  int64        `json:"room"`
	Users []hub.Member `json:"users"`
}

// presence answers the room's online list over HTTP, the same list the
// "presence" frame gives.
func (s *Server) presence(w http.ResponseWriter, r *http.Request) {
	room, ok := s.roomFromPath(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, presenceFrame{Type: "presence", Room: room.ID, Users: s.hub.Members(room.ID)})
}

package forgetest

import (
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// handle performs a routed call (s.mu held) and returns its response.
func (s *Server) handle(kind string, id int64, r *http.Request, h http.Header) (int, any) {
	switch kind {
	case KindPull:
		if s.Provider == "gitlab" {
			return http.StatusOK, map[string]any{"iid": s.PR, "sha": s.HeadSHA, "state": "opened"}
		}
		return http.StatusOK, map[string]any{"number": s.PR, "state": "open", "head": map[string]any{"sha": s.HeadSHA, "ref": "feature"}}
	case KindList:
		return http.StatusOK, s.page(r, h)
	case KindCreate:
		var in struct {
			Body string `json:"body"`
		}
		if !s.readJSON(r, &in) || in.Body == "" {
			return http.StatusUnprocessableEntity, map[string]string{"message": "body is required"}
		}
		s.nextID++
		c := Comment{ID: s.nextID, Body: in.Body}
		s.comments = append(s.comments, c)
		return http.StatusCreated, c
	case KindUpdate:
		return s.update(id, r)
	case KindStatus:
		return s.status(r)
	}
	return http.StatusNotFound, nil
}

// page returns one page of comments and sets the paging headers each API
// documents: Link (all three) and GitLab's X-Next-Page.
func (s *Server) page(r *http.Request, h http.Header) []Comment {
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	n = max(n, 1)
	lo := min((n-1)*s.PerPage, len(s.comments))
	hi := min(lo+s.PerPage, len(s.comments))
	out := s.comments[lo:hi]
	if hi < len(s.comments) {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n+1))
		next := fmt.Sprintf("%s%s?%s", s.URL, r.URL.EscapedPath(), q.Encode())
		h.Set("Link", fmt.Sprintf(`<%s>; rel="next"`, next))
		if s.Provider == "gitlab" {
			h.Set("X-Next-Page", strconv.Itoa(n+1))
		}
	}
	if out == nil {
		out = []Comment{}
	}
	return out
}

func (s *Server) update(id int64, r *http.Request) (int, any) {
	var in struct {
		Body string `json:"body"`
	}
	if !s.readJSON(r, &in) || in.Body == "" {
		return http.StatusUnprocessableEntity, map[string]string{"message": "body is required"}
	}
	for i := range s.comments {
		if s.comments[i].ID == id {
			s.comments[i].Body = in.Body
			return http.StatusOK, s.comments[i]
		}
	}
	return http.StatusNotFound, map[string]string{"message": "Not Found"}
}

// status stores a commit status after checking the body each API
// documents: state, target_url, description (at most 140 characters on
// GitHub and Gitea) and context (GitLab: name).
func (s *Server) status(r *http.Request) (int, any) {
	var st Status
	st.SHA = s.HeadSHA
	states := map[string]bool{"pending": true, "success": true, "failure": true, "error": true}
	if s.Provider == "gitlab" {
		var in struct {
			State       string `json:"state"`
			Name        string `json:"name"`
			TargetURL   string `json:"target_url"`
			Description string `json:"description"`
		}
		if !s.readJSON(r, &in) {
			return http.StatusBadRequest, nil
		}
		st = Status{SHA: s.HeadSHA, State: in.State, Context: in.Name, Description: in.Description, TargetURL: in.TargetURL}
		states = map[string]bool{"pending": true, "running": true, "success": true, "failed": true, "canceled": true}
	} else {
		var in struct {
			State       string `json:"state"`
			TargetURL   string `json:"target_url"`
			Description string `json:"description"`
			Context     string `json:"context"`
		}
		if !s.readJSON(r, &in) {
			return http.StatusBadRequest, nil
		}
		st = Status{SHA: s.HeadSHA, State: in.State, Context: in.Context, Description: in.Description, TargetURL: in.TargetURL}
		if utf8.RuneCountInString(in.Description) > 140 {
			s.t.Errorf("forgetest %s: status description of %d characters", s.Provider, utf8.RuneCountInString(in.Description))
			return http.StatusUnprocessableEntity, map[string]string{"message": "description is too long (maximum is 140 characters)"}
		}
	}
	if !states[st.State] || st.Context == "" {
		s.t.Errorf("forgetest %s: invalid status %+v", s.Provider, st)
		return http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed"}
	}
	s.statuses = append(s.statuses, st)
	return http.StatusCreated, map[string]any{"id": len(s.statuses), "state": st.State, "description": st.Description}
}

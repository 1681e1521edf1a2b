package nxapisim

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim/simssh"
)

// JSON-RPC error codes NX-API uses.
const (
	codeParse          = -32700
	codeInvalidRequest = -32600
	codeNoMethod       = -32601
	codeInvalidParams  = -32602
)

// maxBody bounds a request body.
const maxBody = 4 << 20

type rpcRequest struct {
	JSONRPC string    `json:"jsonrpc"`
	Method  string    `json:"method"`
	Params  rpcParams `json:"params"`
	// ID is absent (nil) in a notification, which gets no response.
	ID json.RawMessage `json:"id"`
	// Rollback is the NX-API error policy of a configuration request:
	// stop-on-error (default), continue-on-error or rollback-on-error.
	Rollback string `json:"rollback"`
}

type rpcParams struct {
	Cmd string `json:"cmd"`
	// Version is NX-API's version identifier: a number (1, 1.2) or a
	// string holding one.
	Version json.RawMessage `json:"version"`
	// Rollback is accepted here as well as beside params.
	Rollback string `json:"rollback"`
}

// rpcResponse is a result or an error: JSON-RPC 2.0 allows exactly one of
// the two members in a response.
type rpcResponse struct {
	JSONRPC string
	Result  any
	Error   *rpcError
	ID      json.RawMessage
}

// MarshalJSON writes result (null included) on success and error alone
// on failure.
func (r rpcResponse) MarshalJSON() ([]byte, error) {
	if r.Error != nil {
		return json.Marshal(struct {
			JSONRPC string          `json:"jsonrpc"`
			Error   *rpcError       `json:"error"`
			ID      json.RawMessage `json:"id"`
		}{r.JSONRPC, r.Error, r.ID})
	}
	return json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		Result  any             `json:"result"`
		ID      json.RawMessage `json:"id"`
	}{r.JSONRPC, r.Result, r.ID})
}

type rpcError struct {
	Code    int     `json:"code"`
	Message string  `json:"message"`
	Data    *errMsg `json:"data,omitempty"`
}

type errMsg struct {
	Msg string `json:"msg"`
}

var rpcMessages = map[int]string{
	codeParse: "Parse error", codeInvalidRequest: "Invalid request",
	codeNoMethod: "Method not found", codeInvalidParams: "Invalid params",
}

func newError(code int, msg string) *rpcError {
	e := &rpcError{Code: code, Message: rpcMessages[code]}
	if msg != "" {
		e.Data = &errMsg{Msg: msg}
	}
	return e
}

// serveINS handles POST /ins.
func (d *Device) serveINS(w http.ResponseWriter, r *http.Request) {
	latency, adm := d.knobs.onRequest()
	if adm == dropIt {
		d.dropConn(w)
		return
	}
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	d.mu.Lock()
	d.requests++
	d.mu.Unlock()
	if adm == unavailableIt {
		http.Error(w, "service unavailable", http.StatusServiceUnavailable)
		return
	}
	user, pass, ok := r.BasicAuth()
	if !ok || !d.accountOK(user, pass) {
		d.log.Debug("request refused: bad credentials")
		w.Header().Set("WWW-Authenticate", `Basic realm="nxapi"`)
		http.Error(w, "authentication failed", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return
	}
	reqs, batch, perr := decode(body)
	var out any
	if perr != nil {
		out = rpcResponse{JSONRPC: "2.0", Error: perr, ID: json.RawMessage("null")}
	} else {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		resps := replies(reqs, d.run(user, host, reqs))
		switch {
		case len(resps) == 0:
			out = nil // only notifications: nothing is returned
		case batch:
			out = resps
		default:
			out = resps[0]
		}
	}
	if adm == loseIt {
		d.dropConn(w)
		return
	}
	if out == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json-rpc")
	_ = json.NewEncoder(w).Encode(out)
}

// replies drops the responses to notifications (requests without id).
func replies(reqs []rpcRequest, resps []rpcResponse) []rpcResponse {
	out := resps[:0]
	for i, r := range resps {
		if reqs[i].ID != nil {
			out = append(out, r)
		}
	}
	return out
}

// decode parses a request object or a batch.
func decode(body []byte) ([]rpcRequest, bool, *rpcError) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, false, newError(codeInvalidRequest, "empty request")
	}
	if body[0] == '[' {
		var reqs []rpcRequest
		if err := json.Unmarshal(body, &reqs); err != nil {
			return nil, true, newError(codeParse, err.Error())
		}
		if len(reqs) == 0 {
			return nil, true, newError(codeInvalidRequest, "empty batch")
		}
		return reqs, true, nil
	}
	var req rpcRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, false, newError(codeParse, err.Error())
	}
	return []rpcRequest{req}, false, nil
}

// dropConn closes the request's connection without an answer.
func (d *Device) dropConn(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	conn, _, err := rc.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // HTTP/2: abort the stream instead
	}
	d.log.Debug("connection dropped by knob")
	_ = conn.Close()
}

// accountOK checks HTTP basic credentials against the device's accounts,
// in constant time.
func (d *Device) accountOK(user, pass string) bool {
	accounts := map[string]string{d.cfg.Username: d.cfg.Password}
	for u, p := range d.cfg.Users {
		if u != d.cfg.Username {
			accounts[u] = p
		}
	}
	return simssh.CheckAccount(accounts, user, pass)
}

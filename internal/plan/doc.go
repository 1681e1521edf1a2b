// Package plan holds the plan: the changes switchyard would make to each
// device of a fleet for one Git revision, its file format, and its
// renderers (text, JSON, Markdown, HTML).
//
// # File format and JSON schema (version 1)
//
// `switchyard plan --format json` and saved plan files are the same JSON
// document; SCHEMA.md has an annotated example. Top level:
//
//	version        int     always 1; other versions are refused by Load
//	revision       string  Git revision of the intent, or "worktree"
//	author         string  optional: author of the revision
//	message        string  optional: first line of the commit message
//	created_at     string  RFC 3339 time the plan was made
//	summary        object  counts: devices, changed, unchanged, failed,
//	                       creates, updates, deletes
//	devices        array   one object per device, in plan order:
//	  name           string  inventory name
//	  platform       string  platform driver (iosxe, iosxr, nxos, ios)
//	  transport      string  optional: protocol used (netconf, gnmi, cli...)
//	  changes        array   always present, possibly empty:
//	    op             string  "create" | "update" | "delete"
//	    path           string  gNMI path, keys in brackets
//	    before         any     optional: RFC 7951 value before (absent if none)
//	    after          any     optional: RFC 7951 value after (absent if none)
//	  secrets        array   optional: {path, ref{env|file}} of values filled
//	                         in at push time; never the values
//	  warnings       array   optional: strings
//	  intent_digest  string  optional: sha256 hex of the canonical desired config
//	  running_digest string  optional: sha256 hex of the canonical running config
//	  error          string  always present; "" when the device was planned
//	digest         string  "sha256:" + hex SHA-256 of the compact JSON encoding
//	                       of the document without this member
//
// The digest makes Load refuse a file that was edited after it was written;
// it detects accidents and naive edits, it does not authenticate the
// author (anyone can recompute it).
//
// # Secrets
//
// Plans never contain secret values. Values at the paths a device's
// Secrets name show as "(secret from env:NAME)", and values of leaves that
// hold credentials by name (password, password-hashed, secret-key, ...)
// show as "(redacted)". Save and every renderer apply Redact, so a
// DevicePlan built by hand cannot leak either.
package plan

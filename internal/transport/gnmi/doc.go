// Package gnmi is switchyard's thin gNMI client, built on gnmic's pkg/api
// (github.com/openconfig/gnmic/pkg/api): Dial, Get into an OpenConfig tree
// (models/openconfig), Set with updates, replaces and deletes, and the gNMI
// Commit Confirmed extension (commit, Confirm, Cancel, ExtendRollback).
//
// TLS is always on and the target's certificate is verified against the
// configured CA (Config.CAFile or Config.CAPEM); Config.Insecure turns
// verification off, which Dial logs as a warning every time. Dial checks the
// certificate, the credentials and the target's capabilities with a
// Capabilities RPC, so an untrusted certificate (ErrCertificate), refused
// credentials (ErrAuthFailed) or a target without JSON_IETF
// (ErrUnsupported) is reported by Dial rather than by the first Get.
//
// Values travel as RFC 7951 JSON (JSON_IETF). Errors name the target
// address and the paths involved and wrap the gRPC status, so
// status.Code(err) gives the code the target returned; they never contain
// the password. A Client is safe for concurrent use.
package gnmi

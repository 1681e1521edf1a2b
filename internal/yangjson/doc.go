// Package yangjson handles the native subtrees of a desired state: module-
// qualified RFC 7951 JSON ("Cisco-IOS-XE-native:native": {...}) as
// encoding/json decodes it, described by the native schema of a platform
// profile (profiles.Profile.Native). It converts such trees to and from
// NETCONF XML, normalises scalar values to their RFC 7951 form, merges
// trees (later wins, lists by key), and builds the sparse tree of a list of
// changes. It does no I/O; its functions are safe for concurrent use.
package yangjson

// Package profiles holds what switchyard knows about one platform release: the
// hello the device sends (NETCONF capabilities and advertised modules with their
// deviations), the writable OpenConfig schema that results once the release's
// deviations are applied, and the rollback mechanism the release offers.
//
// A profile is data, not code. Profiles are derived from the YANG files Cisco
// publishes for a release (see package profilegen, `switchyard profiles
// import`); the three releases switchyard ships are embedded in the binary
// (shipped/), and an intent repository may add its own under profiles/.
//
// Validation renders every device and checks each leaf of its payload
// against its profile (Profile.CheckXML); the simulators enforce the same
// check at edit time; drivers compare the device's hello with it.
package profiles

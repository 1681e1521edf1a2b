// Package gnmisession is the gNMI management session shared by the
// OpenConfig platform drivers (iosxe, iosxr, nxos): the gNMI counterpart of
// ncsession. It reads the OpenConfig subtrees switchyard manages with Get,
// turns a delta into one atomic Set, and runs the confirmed-commit
// lifecycle with the gNMI Commit Confirmed extension: Begin commits with a
// fresh commit id and a rollback duration equal to the confirm timeout;
// Confirm and Cancel name that id and work from any session (and process),
// since gNMI commits are not bound to a connection.
//
// The session always uses TLS. The target's certificate is verified
// against providers.Target.CAFile; providers.Target.InsecureIgnoreHostKey
// (the same explicit, loud switch that turns SSH host key checking off)
// turns certificate verification off instead, and the two cannot be
// combined.
package gnmisession

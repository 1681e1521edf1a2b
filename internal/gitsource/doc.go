// Package gitsource turns a Git location into revisions that the rest of the
// pipeline can load: it clones or fetches a remote into a cache, resolves a
// branch or tag, materialises exactly one revision's tree into a private
// directory, polls for new revisions, verifies push webhooks from GitHub and
// GitLab, and gates revisions on commit signatures (SSH or OpenPGP).
//
// Everything is done in-process with go-git; no git binary is needed.
//
// Locations (see Spec and ParseSpec):
//
//   - a plain folder that is not the root of a Git repository: used as it is,
//     with the pseudo revision "worktree" (switchyard plan --repo examples/campus);
//   - a local repository, bare or not, or a file:// URL naming one: opened in
//     place, and read from its object store at the committed tip of the ref.
//     Uncommitted edits in a work tree are ignored on purpose, so that what is
//     planned is what was committed;
//   - a remote URL (https://, http:// without credentials, ssh://, or the
//     scp-like git@host:path): cloned bare into Spec.CacheDir and fetched.
//
// Errors and logs name the source by its sanitised URL (SanitizeURL): no
// userinfo, query or fragment, and the HTTPS token never appears.
package gitsource

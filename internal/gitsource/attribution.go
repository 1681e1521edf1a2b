package gitsource

import (
	"bufio"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/object"
)

// maxMergedCommits bounds how many commits of a merge's second parent are
// read for their authors.
const maxMergedCommits = 200

var (
	// GitHub merge commit: "Merge pull request #42 from owner/branch".
	githubMerge = regexp.MustCompile(`^Merge pull request #([0-9]+) from `)
	// GitHub squash merge: "Subject (#42)".
	githubSquash = regexp.MustCompile(`\(#([0-9]+)\)\s*$`)
	// GitLab merge commit body: "See merge request group/project!42".
	gitlabMerge = regexp.MustCompile(`(?m)^See merge request \S*!([0-9]+)\s*$`)
	// Gitea: "Merge pull request 'title' (#42) from owner/branch into main".
	giteaMerge = regexp.MustCompile(`^Merge pull request '.*' \(#([0-9]+)\) from `)
)

// PullRequestOf returns the pull or merge request number a commit message
// names, or 0.
func PullRequestOf(message string) int {
	subject, _, _ := strings.Cut(strings.TrimSpace(message), "\n")
	for _, re := range []*regexp.Regexp{githubMerge, giteaMerge, githubSquash} {
		if m := re.FindStringSubmatch(subject); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	if m := gitlabMerge.FindStringSubmatch(message); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// CoAuthorsOf returns the names of a commit message's Co-authored-by
// trailers (the e-mail addresses are left out), in order, without
// duplicates.
func CoAuthorsOf(message string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(message))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		k, v, ok := strings.Cut(line, ":")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "Co-authored-by") {
			continue
		}
		name := strings.TrimSpace(v)
		if i := strings.Index(name, "<"); i >= 0 {
			name = strings.TrimSpace(name[:i])
		}
		if name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// attribute fills the attribution of rev from commit c: the pull request
// number, and the authors and co-authors of the change. For a merge
// commit the change is what the second parent brings (the commits not
// reachable from the first parent, at most maxMergedCommits of them); the
// merge commit's own author is whoever merged it, so it is the Committer
// that names them, not Authors.
func attribute(rev *Revision, c *object.Commit) {
	rev.PullRequest = PullRequestOf(c.Message)
	rev.MergeCommit = len(c.ParentHashes) > 1
	add := func(list *[]string, names ...string) {
		for _, n := range names {
			if n != "" && !slices.Contains(*list, n) {
				*list = append(*list, n)
			}
		}
	}
	add(&rev.CoAuthors, CoAuthorsOf(c.Message)...)
	merged := mergedCommits(c)
	if len(merged) == 0 {
		add(&rev.Authors, c.Author.Name)
		return
	}
	for _, m := range merged {
		add(&rev.Authors, m.Author.Name)
		add(&rev.CoAuthors, CoAuthorsOf(m.Message)...)
	}
}

// mergedCommits returns the commits a merge commit brings in: reachable
// from its second parent but not from its first. Nil for other commits or
// when the history cannot be read (a shallow clone).
func mergedCommits(c *object.Commit) []*object.Commit {
	if len(c.ParentHashes) < 2 {
		return nil
	}
	first, err := c.Parent(0)
	if err != nil {
		return nil
	}
	second, err := c.Parent(1)
	if err != nil {
		return nil
	}
	bases, err := first.MergeBase(second)
	if err != nil {
		return nil
	}
	// Stop at the merge bases and at recent history of the first parent
	// (the second side may have merged the first in along the way).
	stop := ancestors(first, maxFirstParentWalk)
	for _, b := range bases {
		stop[b.Hash.String()] = true
	}
	var out []*object.Commit
	seen := map[string]bool{}
	queue := []*object.Commit{second}
	for len(queue) > 0 && len(out) < maxMergedCommits {
		cur := queue[0]
		queue = queue[1:]
		h := cur.Hash.String()
		if stop[h] || seen[h] {
			continue
		}
		seen[h] = true
		out = append(out, cur)
		_ = cur.Parents().ForEach(func(p *object.Commit) error {
			queue = append(queue, p)
			return nil
		})
	}
	return out
}

// maxFirstParentWalk bounds the first parent's history read by
// mergedCommits.
const maxFirstParentWalk = 2000

// ancestors returns the hashes of c and its ancestors, breadth first, at
// most limit of them.
func ancestors(c *object.Commit, limit int) map[string]bool {
	out := map[string]bool{}
	queue := []*object.Commit{c}
	for len(queue) > 0 && len(out) < limit {
		cur := queue[0]
		queue = queue[1:]
		h := cur.Hash.String()
		if out[h] {
			continue
		}
		out[h] = true
		_ = cur.Parents().ForEach(func(p *object.Commit) error {
			queue = append(queue, p)
			return nil
		})
	}
	return out
}

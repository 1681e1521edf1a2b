package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/forge"
	"github.com/switchyard/switchyard/models"
)

// reviewFlags are the flags of `switchyard review`.
type reviewFlags struct {
	run        runFlags
	provider   string
	repository string
	pr         int
	apiURL     string
	tokenEnv   string
	context    string
	targetURL  string
	offline    bool
}

func newReviewCmd(g *globals) *cobra.Command {
	var f reviewFlags
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Plan a pull request's head and post the plan as one comment and a commit status",
		Long: "review validates and plans the intent at --repo/--rev (the pull request's head, checked out by CI),\n" +
			"reading devices but changing nothing, then creates or updates one comment on the pull request\n" +
			"(found again by a hidden marker) with the Markdown plan, and sets a commit status on the head\n" +
			"commit: failure when the intent is invalid or a device cannot be planned, success otherwise.\n" +
			"--offline contacts no device: it validates and renders only. Exit code 1 on failure, else 0.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return g.review(cmd.Context(), &f) },
	}
	f.run.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.provider, "provider", "", "code forge: github, gitlab or gitea (required)")
	fl.StringVar(&f.repository, "repository", "", "OWNER/NAME of the repository holding the pull request (GitLab: the project path) (required)")
	fl.IntVar(&f.pr, "pr", 0, "pull request number (GitLab: merge request IID) (required)")
	fl.StringVar(&f.apiURL, "api-url", "", "API root (default: $GITHUB_API_URL or https://api.github.com; $CI_API_V4_URL or https://gitlab.com/api/v4; Gitea: required, for example https://gitea.example.net/api/v1)")
	fl.StringVar(&f.tokenEnv, "token-env", "", "environment variable holding the API token (default GITHUB_TOKEN, GITLAB_TOKEN or GITEA_TOKEN)")
	fl.StringVar(&f.context, "context", "switchyard/plan", "commit status context; also tells this comment apart from other switchyard reviews of the same pull request")
	fl.StringVar(&f.targetURL, "target-url", "", "link of the commit status (for example the CI job)")
	fl.BoolVar(&f.offline, "offline", false, "contact no device: validate and render the desired payload only")
	for _, name := range []string{"provider", "repository", "pr"} {
		_ = cmd.MarkFlagRequired(name)
	}
	return cmd
}

// forgeClient builds the API client; the token is read from the
// environment variable --token-env names, never printed.
func (f *reviewFlags) forgeClient(g *globals) (*forge.Client, error) {
	defaults := map[string][2]string{
		forge.GitHub: {"GITHUB_TOKEN", os.Getenv("GITHUB_API_URL")},
		forge.GitLab: {"GITLAB_TOKEN", os.Getenv("CI_API_V4_URL")},
		forge.Gitea:  {"GITEA_TOKEN", ""},
	}
	d, ok := defaults[f.provider]
	if !ok {
		return nil, fmt.Errorf("unknown --provider %q (want github, gitlab or gitea)", f.provider)
	}
	if f.pr <= 0 {
		return nil, fmt.Errorf("--pr must be a positive number, got %d", f.pr)
	}
	env := cmp.Or(f.tokenEnv, d[0])
	token := os.Getenv(env)
	if token == "" {
		return nil, fmt.Errorf("no API token: the environment variable %s is not set (see --token-env)", env)
	}
	return forge.New(forge.Config{Provider: f.provider, APIURL: cmp.Or(f.apiURL, d[1]), Repository: f.repository,
		Token: models.NewSecret(token), Logger: g.logger()})
}

// review runs the review flow: head commit, pending status, plan, comment,
// final status.
func (g *globals) review(ctx context.Context, f *reviewFlags) error {
	client, err := f.forgeClient(g)
	if err != nil {
		return err
	}
	sha, err := client.HeadSHA(ctx, f.pr)
	if err != nil {
		return err
	}
	status := forge.Status{State: forge.StatePending, Context: f.context, TargetURL: f.targetURL, Description: "switchyard is planning this change"}
	if err := client.SetStatus(ctx, sha, status); err != nil {
		return err
	}
	out := g.reviewOutcome(ctx, f)
	body := reviewBody(forge.Marker(f.context), sha, f, out, time.Now())
	res, err := client.UpsertComment(ctx, f.pr, forge.Marker(f.context), body)
	if err != nil {
		// Leave no pending status behind when the comment cannot be posted.
		status.State, status.Description = forge.StateFailure, "switchyard could not post its plan comment"
		_ = client.SetStatus(ctx, sha, status)
		return err
	}
	status.State, status.Description = out.state, out.summary
	if err := client.SetStatus(ctx, sha, status); err != nil {
		return err
	}
	verb := "updated"
	if res.Created {
		verb = "created"
	}
	fmt.Fprintf(g.stdout, "review: comment %d %s on #%d; status %s on %.12s: %s\n", res.ID, verb, f.pr, out.state, sha, forge.Description(out.summary))
	if out.state == forge.StateFailure {
		return &exitError{code: exitFailure}
	}
	return nil
}

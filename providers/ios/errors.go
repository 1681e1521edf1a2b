package ios

import (
	"errors"
	"fmt"

	"github.com/switchyard/switchyard/providers"
)

// ErrArchiveNotConfigured is returned (wrapped, naming the device) by
// Begin in replace mode when the device has no "archive" section with a
// "path": IOS needs it for "configure replace ... time N". Configure
// "archive" / " path flash:archive" / " maximum 14" on the device, or use
// merge mode (WithMerge).
var ErrArchiveNotConfigured = errors.New("the archive feature is not configured (timed rollback needs \"archive\" with \"path flash:...\")")

// ErrNotPending is returned (wrapped) by Confirm and Cancel when the
// device has no timed change awaiting confirmation: its timer expired and
// it reverted already, or the change was confirmed before.
var ErrNotPending = fmt.Errorf("no rollback-confirmed change is pending on the device: %w", providers.ErrNotPending)

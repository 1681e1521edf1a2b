package profiles

// The shipped profiles are derived from Cisco's published YANG, which the
// project may not redistribute; regenerating them needs ../shared/cisco-yang.
//go:generate go run ./internal/genshipped -yang ../../shared/cisco-yang -out shipped

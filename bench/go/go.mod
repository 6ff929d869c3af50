module certcentral.invalid/bench/go

go 1.22

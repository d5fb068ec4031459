"""Who may do what: accounts, API tokens with scopes, and the one policy function."""

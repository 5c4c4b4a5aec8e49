"""E-mail subscriptions (精准推送): double opt-in, the daily digest, one-click unsubscribe."""

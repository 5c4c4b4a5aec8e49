"""Who gets in and how often: roles and the permission backend, sign-in (lock-out,
password rules, the client address), the CAPTCHA and the rate limits of public forms."""

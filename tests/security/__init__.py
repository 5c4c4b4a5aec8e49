"""The authorisation matrix: every role × every URL × own and other organisation."""

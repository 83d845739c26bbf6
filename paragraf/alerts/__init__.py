"""E-mail alerts of the public portal: subscribe to a body, a case, a person or a saved search (double
opt-in, one-click unsubscribe, no account); after each import that makes new § public, one mail per
subscriber lists the new § their subscriptions match, masked as every public surface (`sending.py`)."""

"""What childcare centres, schools and wijkteams take away."""

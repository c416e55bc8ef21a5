"""One module per page: functions that return components, no logic beyond choosing what to show."""

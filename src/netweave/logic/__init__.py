"""Pure logic: functions of plain values, no database and no clock."""

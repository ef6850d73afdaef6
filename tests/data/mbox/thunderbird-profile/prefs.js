// Mozilla User Preferences

user_pref("mail.server.server1.name", "Local Folders");

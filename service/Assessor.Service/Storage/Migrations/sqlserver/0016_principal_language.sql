-- The console's language a principal last chose (ja or en), so it follows the user to any browser; null until chosen.
ALTER TABLE principals ADD language nvarchar(8) NULL;

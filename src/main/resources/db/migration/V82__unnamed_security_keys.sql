-- A security key enrolled without a name is stored with an empty label; the console names it in the reader's
-- language. Keys enrolled before stored the English stand-in instead.
update user_credentials set label = '' where label = 'Security key';

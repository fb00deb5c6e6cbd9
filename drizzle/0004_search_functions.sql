-- Joins a text[] with spaces for full-text generated columns. array_to_string is only
-- STABLE (it may call type output functions); for text[] it cannot vary, so this wrapper
-- is declared IMMUTABLE, which generated columns and index expressions require.
CREATE FUNCTION rapport_join_text(items text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN coalesce(array_to_string(items, ' '), '');

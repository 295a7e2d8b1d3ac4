-- Where a space's data is kept, by Storyblok's region codes. Spaces made before were in Europe,
-- Storyblok's default.
ALTER TABLE spaces ADD COLUMN region TEXT NOT NULL DEFAULT 'EU' CHECK (region IN ('EU', 'US', 'CA', 'AP', 'CN'));

-- Review queue: category AND district together seek one index in queue order (before, the category
-- index was walked and each row's district tested, ~10x the rows for one page).
CREATE INDEX leads_review_category_district ON leads (status, category, district, queue_key);

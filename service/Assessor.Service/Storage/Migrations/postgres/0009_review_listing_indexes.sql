-- Listing for reviewers and specialists without reading every draft (issue 11): a reviewer's plans are those not in
-- draft, a specialist's those in review naming their registration; with mostly drafts, walking the listing index and
-- testing each row read them all. Partial indexes hold only the rows those scopes can see, in listing order.
CREATE INDEX ix_plans_in_review ON plans (created_at, id) WHERE status <> 'draft';
CREATE INDEX ix_plans_specialist_review ON plans (specialist_registration_number, created_at, id) WHERE status = 'submitted';

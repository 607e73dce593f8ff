-- Who may create projects (issue 17): server administrators, the users an administrator allows, and everyone when the
-- instance setting project_creators is EVERYONE (the default, ALLOWED_USERS, keeps a signed-in labeler from opening
-- projects of their own).
ALTER TABLE users ADD COLUMN can_create_projects BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE instance_settings (
  name  VARCHAR(100) PRIMARY KEY,
  value VARCHAR(1000) NOT NULL
);
INSERT INTO instance_settings (name, value) VALUES ('project_creators', 'ALLOWED_USERS');

-- The engine uses the database named by POSTGRES_DB (camunda); the award store gets its own.
CREATE DATABASE award_store;

package beta_test

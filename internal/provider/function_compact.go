package provider

import "github.com/hashicorp/terraform-plugin-framework/function"

// NewCompactFunction is a placeholder until the compact function lands.
func NewCompactFunction() function.Function { return nil }

package provider

import "github.com/hashicorp/terraform-plugin-framework/function"

// NewCompactReportFunction is a placeholder until the compact_report function lands.
func NewCompactReportFunction() function.Function { return nil }

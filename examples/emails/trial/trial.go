// Package trial holds the end-of-trial summary mail shared by the two
// email programs.
package trial

import (
	"fmt"
	"io"
)

// Investigator is the principal investigator of one trial site.
type Investigator struct {
	Name  string
	Email string
	Site  string
}

// Investigators returns the principal investigators of the finished trial.
func Investigators() []Investigator {
	return []Investigator{
		{Name: "Dr. Amara Okafor", Email: "a.okafor@site-lagos.example", Site: "Lagos"},
		{Name: "Dr. Lin Wei", Email: "lin.wei@site-chengdu.example", Site: "Chengdu"},
		{Name: "Dr. Sofia Marques", Email: "s.marques@site-porto.example", Site: "Porto"},
		{Name: "Dr. Jonas Berg", Email: "jonas.berg@site-uppsala.example", Site: "Uppsala"},
	}
}

// Mailer writes each mail as one line, standing in for an SMTP client.
type Mailer struct {
	Out io.Writer
}

// SendSummary sends the site's end-of-trial summary to its investigator.
func (m Mailer) SendSummary(inv Investigator) {
	fmt.Fprintf(m.Out, "To: %s <%s> Subject: trial closed, summary for site %s\n", inv.Name, inv.Email, inv.Site)
}

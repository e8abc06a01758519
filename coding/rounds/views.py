"""'Ny undersøkelse basert på …' (admin): the form that starts the next round."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from coding.rounds.actions import new_round
from surveys.forms import clean_short_name
from veiledning import roles


class NewRoundForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    slug = forms.CharField(label=gettext_lazy("Short name"), max_length=80,
                           help_text=gettext_lazy("Letters, digits and hyphens; æ, ø and å become ae, o and a."))
    period = forms.CharField(label=gettext_lazy("Period"), max_length=100, required=False)

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_slug(self):
        return clean_short_name(self.cleaned_data["slug"])


@require_http_methods(["GET", "HEAD", "POST"])
def next_round(request, slug):
    source = roles.get_survey_for(request, slug, roles.IMPORT)
    status = 200
    if request.method == "POST":
        form = NewRoundForm(request.POST)
        if form.is_valid():
            survey = new_round(source, by=request.user, **form.cleaned_data)
            messages.success(request, _("The survey %(title)s was created from %(source)s. Import its file next: "
                                        "its graded questions are linked to the same categories.")
                             % {"title": survey.title, "source": source.title})
            return redirect("surveys:detail", survey.slug)
        status = 400
    else:
        form = NewRoundForm(initial={"period": "", "title": "", "slug": ""})
    context = {"survey": source, "form": form}
    return render(request, "coding/rounds/new_round.html", context, status=status)

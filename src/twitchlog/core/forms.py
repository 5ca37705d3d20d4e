from django.forms.renderers import TemplatesSetting


class Renderer(TemplatesSetting):
    """Every form renders through our templates: labels, help, errors and big tap targets."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
